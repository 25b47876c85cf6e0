"""What reaches the audit trail through Django's signals: sign-ins, failed sign-ins and
sign-outs; and every change of who may do what, whichever way it is made (the `createstaff`
command, Django's own commands, a shell, an admin page if one is ever enabled): an account
created or deleted, its user name, `is_active`, `is_staff` or `is_superuser` changed, its
password changed (a hash upgraded at sign-in too), groups and permissions given or taken.

An account change is recorded as done by the actor of the moment (`services.acting`), or by
"system" when nobody said who. A queryset's `update()` and fixtures loaded raw send no signal
and are not recorded: nothing in taraz changes accounts that way."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from taraz.web.audit.models import AuditEvent
from taraz.web.audit.services import record, record_as_actor
from taraz.web.clients import client_ip

Action = AuditEvent.Action
ACCESS = ("username", "is_active", "is_staff", "is_superuser")  # what says who may do what


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, user, ip=client_ip(request) if request else None)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, user, ip=client_ip(request) if request else None)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(
        Action.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150] or "anonymous",
        outcome="failed",
        ip=client_ip(request) if request else None,
    )


# -- accounts and permissions ------------------------------------------------------------------


def connect_account_signals() -> None:
    """Called once the apps are ready (the user model is a setting)."""
    User = get_user_model()
    pre_save.connect(_account_before, sender=User, dispatch_uid="taraz_audit_account_before")
    post_save.connect(_account_saved, sender=User, dispatch_uid="taraz_audit_account_saved")
    post_delete.connect(_account_deleted, sender=User, dispatch_uid="taraz_audit_account_deleted")
    for through in (
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _relation_changed, sender=through, dispatch_uid=f"taraz_audit_{through.__name__}"
        )
    pre_delete.connect(_group_deleting, sender=Group, dispatch_uid="taraz_audit_group_deleting")


def _subject(obj) -> str:
    return f"{obj._meta.model_name}:{obj.pk}"


def _label(obj) -> str:
    if isinstance(obj, Permission):
        return f"{obj.content_type.app_label}.{obj.codename}"
    if isinstance(obj, Group):
        return obj.name
    return obj.get_username()


def _account_before(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & {*ACCESS, "password"}:
        return  # a sign-in's last_login, say
    instance._taraz_access_before = (
        sender._default_manager.filter(pk=instance.pk).values(*ACCESS, "password").first()
    )


def _account_saved(sender, instance, created, raw=False, **kwargs):
    before = instance.__dict__.pop("_taraz_access_before", None)
    if raw:
        return
    subject, account = _subject(instance), instance.get_username()
    if created or before is None:
        if created:
            flags = {name: getattr(instance, name) for name in ACCESS[1:]}
            record_as_actor(Action.USER_CREATE, subject=subject, account=account, **flags)
        return
    changed = {
        name: [before[name], getattr(instance, name)]
        for name in ACCESS
        if before[name] != getattr(instance, name)
    }
    if changed:
        record_as_actor(Action.ACCESS_CHANGE, subject=subject, account=account, **changed)
    if before["password"] != instance.password:
        record_as_actor(Action.PASSWORD_CHANGE, subject=subject, account=account)


def _account_deleted(sender, instance, **kwargs):
    record_as_actor(Action.USER_DELETE, subject=_subject(instance), account=instance.get_username())


def _relation_changed(sender, instance, action, model, pk_set, **kwargs):
    """Groups of an account, its own permissions, a group's permissions: given or taken, from
    either side of the relation."""
    if action == "pre_clear":  # what is about to go: the relation still holds it
        instance.__dict__.setdefault("_taraz_cleared", {})[sender] = _linked(
            sender, instance, model
        )
        return
    if action == "post_clear":
        labels, change = instance.__dict__.get("_taraz_cleared", {}).pop(sender, []), "removed"
    elif action in ("post_add", "post_remove"):
        labels = _labels(model, pk_set or ())
        change = "added" if action == "post_add" else "removed"
    else:
        return
    if labels:
        related = f"{model._meta.model_name}s"  # groups, permissions, users
        record_as_actor(
            Action.ACCESS_CHANGE,
            subject=_subject(instance),
            **{"of": _label(instance), f"{related}_{change}": labels},
        )


def _labels(model, pks) -> list[str]:
    rows = model._default_manager.filter(pk__in=pks)
    if model is Permission:
        rows = rows.select_related("content_type")
    return sorted(_label(o) for o in rows)


def _linked(through, instance, model) -> list[str]:
    """The `model` objects `instance` is linked to through `through`, by their labels."""

    def column(to) -> str:
        return next(
            f.attname for f in through._meta.fields if f.is_relation and f.related_model is to
        )

    own = column(instance._meta.concrete_model)
    linked = through._default_manager.filter(**{own: instance.pk})
    return _labels(model, linked.values_list(column(model._meta.concrete_model), flat=True))


def _group_deleting(sender, instance, **kwargs):
    """A group's members and permissions go with it."""
    record_as_actor(
        Action.ACCESS_CHANGE,
        subject=_subject(instance),
        group_deleted=instance.name,
        members=sorted(u.get_username() for u in instance.user_set.all()),
        permissions=_labels(Permission, instance.permissions.values_list("pk", flat=True)),
    )
