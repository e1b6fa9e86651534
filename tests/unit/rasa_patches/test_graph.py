"""rasa_patches/graph.py: Rasa's graphs run in order give dask's own results,
each needed node run once, and fail as with dask."""
from __future__ import annotations

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does


class _Node:
    """Like Rasa's GraphNode: called with (name, output) pairs, returns one."""

    def __init__(self, name: str, calls: list):
        self.name, self.calls = name, calls

    def __call__(self, *inputs):
        self.calls.append(self.name)
        return self.name, [self.name, [i for i in inputs]]


@pytest.mark.parametrize("seed", range(10))
def test_graphs_run_to_the_same_results_as_with_dask(seed):
    """Random graphs in the shape Rasa builds (nodes needing earlier nodes and
    inputs): the same outputs as dask.get, each needed node run once."""
    import random

    import dask

    from rasa_patches.graph import run_graph

    rnd = random.Random(seed)
    names = [f"n{k}" for k in range(rnd.randint(3, 25))]
    inputs = {"__message__": ("__message__", ["hello"]), "__tracker__": ("__tracker__", object())}

    def graph(calls):
        g = dict(inputs)
        for k, name in enumerate(names):
            earlier = names[:k] + list(inputs)
            g[name] = (_Node(name, calls), *rnd.sample(earlier, min(len(earlier),
                                                                   rnd.randint(0, 3))))
        return g

    state = rnd.getstate()
    ours_calls, dasks_calls = [], []
    ours_graph = graph(ours_calls)
    rnd.setstate(state)
    dasks_graph = graph(dasks_calls)
    targets = rnd.sample(names, rnd.randint(1, len(names)))
    assert run_graph(ours_graph, targets) == dask.get(dasks_graph, targets)
    assert sorted(ours_calls) == sorted(dasks_calls) and len(set(ours_calls)) == len(ours_calls)


def test_a_failing_node_fails_the_run_as_with_dask():
    import dask

    from rasa_patches.graph import run_graph

    def broken(*_):
        raise ValueError("node failed")

    graph = {"a": (broken,), "b": (lambda a: a, "a")}
    for run in (run_graph, dask.get):
        with pytest.raises(ValueError, match="node failed"):
            run(graph, ["b"])
