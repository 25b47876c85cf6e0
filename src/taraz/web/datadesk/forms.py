from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx,.csv,.parquet,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField()
    flow = forms.ChoiceField(choices=[("", "—"), ("X", "X"), ("M", "M")], required=False)
    period = forms.CharField(required=False, max_length=40)
    source = forms.CharField(required=False, max_length=64)
    one_batch = forms.BooleanField(required=False)
