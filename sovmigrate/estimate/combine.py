"""Three-point estimates combined into means, deviations and P10/P50/P90, in closed form.

Per driver k with count n, PERT mean mu = (O + 4M + P)/6, deviation s = (P - O)/6 and factor f:

    mean = sum n*mu*f
    var  = (1 - rho) * sum n*(s*f)^2  +  rho * (sum n*s*f)^2        (errors partly correlated)
    with project overhead h ~ PERT(overhead): mean' = mean*(1 + mu_h), sd' = sqrt(var*(1 + mu_h)^2 + (mean*s_h)^2)

Percentiles come from the lognormal with that mean and deviation: effort is never negative and its risk is on
the upside. Closed form: the same input always gives the same numbers, and nothing needs a seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sovmigrate.estimate.model import Triple

Z90 = 1.2815515655446004  # standard normal quantile at 0.90


@dataclass(frozen=True)
class Range:
    """An effort (or duration) distribution summarised: mean, deviation and P10/P50/P90."""

    mean: float
    sd: float
    p10: float
    p50: float
    p90: float

    @classmethod
    def from_moments(cls, mean: float, sd: float) -> Range:
        if mean <= 0:
            return cls(0.0, 0.0, 0.0, 0.0, 0.0)
        sigma = math.sqrt(math.log1p((sd / mean) ** 2))
        median = mean / math.sqrt(1 + (sd / mean) ** 2)
        return cls(mean, sd, median * math.exp(-Z90 * sigma), median, median * math.exp(Z90 * sigma))

    def scaled(self, factor: float) -> Range:
        return Range(*(value * factor for value in self.as_tuple()))

    def as_tuple(self) -> tuple[float, float, float, float, float]:
        return (self.mean, self.sd, self.p10, self.p50, self.p90)

    def to_json(self, digits: int = 2) -> dict[str, float]:
        return {
            name: round(value, digits)
            for name, value in zip(("mean", "sd", "p10", "p50", "p90"), self.as_tuple())
        }


@dataclass(frozen=True)
class Term:
    """One driver's share: count, unit cost and factor (hours before overhead)."""

    count: float
    unit: Triple
    factor: float

    @property
    def mean(self) -> float:
        return self.count * self.unit.mean * self.factor

    @property
    def spread(self) -> float:
        return self.count * self.unit.sd * self.factor


def combine(terms: Iterable[Term], correlation: float, overhead: Triple) -> Range:
    """The distribution of the sum of ``terms`` plus the project overhead, in hours."""
    terms = list(terms)
    mean = sum(t.mean for t in terms)
    independent = sum(t.count * (t.unit.sd * t.factor) ** 2 for t in terms)
    linear = sum(t.spread for t in terms)
    variance = (1 - correlation) * independent + correlation * linear**2
    uplift = 1 + overhead.mean
    sd = math.sqrt(variance * uplift**2 + (mean * overhead.sd) ** 2)
    return Range.from_moments(mean * uplift, sd)


def comonotonic_sum(ranges: Iterable[Range]) -> Range:
    """Add ranges that move together (serial waits): quantiles add."""
    ranges = list(ranges)
    return (
        Range(*(sum(values) for values in zip(*(r.as_tuple() for r in ranges))))
        if ranges
        else Range(0, 0, 0, 0, 0)
    )
