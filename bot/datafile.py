"""Reading the project's validated data files (facts, vocabulary, symptoms,
profile words) the same way: one clear error naming the file and each problem.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Type, TypeVar, Union

import yaml
from pydantic import BaseModel, Extra, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class StrictModel(BaseModel):
    """A checked, read-only record: unknown keys are an error, not ignored."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


def read_mapping(path: Union[str, Path], what: str, error: Type[ValueError]) -> Dict[str, Any]:
    """The YAML mapping in ``path``; ``error`` says which ``what`` file could not be read."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"cannot read {what} file {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise error(f"{what} file {path} must hold a mapping at the top level")
    return raw


def load_model(path: Union[str, Path], model: Type[Model], what: str,
               error: Type[ValueError]) -> Model:
    """``path`` parsed into ``model``; ``error`` names ``what`` file failed and why."""
    path = Path(path)
    raw = read_mapping(path, what, error)
    try:
        return model.parse_obj(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
                             for err in exc.errors())
        raise error(f"{what} file {path} is invalid: {problems}") from exc
