"""Evaluation: typed submission values, conditions, the engine, results, scores, the document."""
