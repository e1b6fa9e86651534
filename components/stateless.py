"""A base for this project's NLU components that learn nothing and keep nothing."""
from __future__ import annotations

from typing import Any, Dict

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class Stateless(GraphComponent):
    """Made afresh for every model: no configuration, no training, no storage."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "Stateless":
        return cls()
