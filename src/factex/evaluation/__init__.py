"""Evaluation: contract §3 scoring, annotator agreement, the TIMEX benchmark and reports."""

from factex.evaluation.score import (ACCURACY_KINDS, KINDS, PRF_KINDS, Report, evaluate, interval, load_gold,
                    load_predictions, norm_name, norm_value, overlaps)

__all__ = ["ACCURACY_KINDS", "KINDS", "PRF_KINDS", "Report", "evaluate", "interval", "load_gold",
           "load_predictions", "norm_name", "norm_value", "overlaps"]
