"""What scoring produces: one record per sentence and per article."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .labels import LABELS


@dataclass
class SentenceScore:
    index: int
    start: int
    end: int
    text: str
    label: str
    probabilities: dict[str, float]
    speaker: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ArticleScore:
    article_id: str
    source: str
    sentences: list[SentenceScore]
    title: str | None = None
    event: str | None = None
    date: str | None = None
    text: str = field(default="", repr=False)

    def label_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LABELS, 0)
        for sentence in self.sentences:
            counts[sentence.label] += 1
        return counts

    def label_shares(self) -> dict[str, float]:
        total = len(self.sentences)
        return {label: (count / total if total else 0.0) for label, count in self.label_counts().items()}

    def to_dict(self, with_sentences: bool = False) -> dict:
        record = {
            "article_id": self.article_id,
            "source": self.source,
            "title": self.title,
            "event": self.event,
            "date": self.date,
            "n_sentences": len(self.sentences),
            "label_counts": self.label_counts(),
            "label_shares": self.label_shares(),
        }
        if with_sentences:
            record["text"] = self.text
            record["sentences"] = [sentence.to_dict() for sentence in self.sentences]
        return record

    @classmethod
    def from_dict(cls, record: dict) -> "ArticleScore":
        return cls(
            article_id=record["article_id"],
            source=record["source"],
            title=record.get("title"),
            event=record.get("event"),
            date=record.get("date"),
            text=record.get("text", ""),
            sentences=[SentenceScore(**sentence) for sentence in record.get("sentences", [])],
        )
