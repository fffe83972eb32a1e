"""One module per revision, oldest first; each says whether it only adds (``ADDITIVE``)."""
