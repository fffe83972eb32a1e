"""Imports: LinkedIn's "Download your data" export (``messages.csv`` or the ``.zip``) and sends files
(CSV or JSONL, DESIGN section 4), all or nothing unless ``--skip-invalid``, always counting every row.

Nothing here scans content: risks are judged later, on display.
"""
