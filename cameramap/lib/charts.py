"""Geometry of the small bar charts that pages draw as SVG on the server (no JavaScript)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    maximum: int
    baseline: float

    @property
    def first_label(self) -> str:
        return self.bars[0].label if self.bars else ""

    @property
    def last_label(self) -> str:
        return self.bars[-1].label if self.bars else ""


def bar_chart(
    values: list[tuple[str, int]], *, width: int = 320, height: int = 120, top: int = 14
) -> BarChart:
    """Bars for (label, value) pairs filling width × height, with `top` pixels kept above the
    tallest bar for its value and room below the baseline for the axis labels."""
    baseline = height - 18
    maximum = max((value for _, value in values), default=0)
    slot = width / max(1, len(values))
    gap = min(2.0, slot * 0.2)
    bars = []
    for index, (label, value) in enumerate(values):
        bar_height = (baseline - top) * value / maximum if maximum else 0.0
        bars.append(
            Bar(
                x=round(index * slot + gap / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
                value=value,
                label=label,
            )
        )
    return BarChart(width=width, height=height, bars=bars, maximum=maximum, baseline=baseline)
