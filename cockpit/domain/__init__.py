"""Pure rules: values in, values out, ``now`` passed in. No I/O, no Textual, no SQL."""
