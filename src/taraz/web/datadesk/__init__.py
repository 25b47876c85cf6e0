"""The staff data desk: upload files for import (in the background), read the batch report,
download the quarantine, list and revert batches. Staff only; every change is audited."""
