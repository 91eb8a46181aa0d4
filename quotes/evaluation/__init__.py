"""Measuring the attributor on annotated articles: `quotes evaluate`.

`scorer` computes the figures of the project's shared scorer, `gold` reads gold and prediction
JSONL files, `brat` reads brat standoff annotation (PolNeAR's layout too).
"""
from __future__ import annotations

from ..errors import EvaluationError
from .brat import parse_ann, read_brat_dir
from .gold import prediction_record, read_predictions, write_predictions
from .scorer import Evaluation, evaluate, format_figures, predict, read_gold, score

__all__ = ["EvaluationError", "Evaluation", "evaluate", "format_figures", "parse_ann", "predict",
           "prediction_record", "read_brat_dir", "read_gold", "read_predictions", "score", "write_predictions"]
