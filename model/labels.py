"""The three sentence labels: the one tuple every other module reads."""

LABELS: tuple[str, ...] = ("neutral_reporting", "attributed_quote", "editorial_framing")
LABEL2ID: dict[str, int] = {label: index for index, label in enumerate(LABELS)}
ID2LABEL: dict[int, str] = dict(enumerate(LABELS))
