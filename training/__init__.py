"""framelens training: how a model directory comes to exist (never imported by `model`)."""
