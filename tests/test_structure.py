"""The shape of the code: no import circle anywhere in api/, and the layer contracts
(`[tool.importlinter]` in pyproject.toml) hold. `make test` also runs lint-imports and mypy."""

import subprocess
import sys

import grimp


def _cycle_from(graph, start, path, on_path, done):  # type: ignore[no-untyped-def]
    on_path.add(start)
    path.append(start)
    for imported in sorted(graph.find_modules_directly_imported_by(start)):
        if not imported.startswith("api"):
            continue
        if imported in on_path:
            return path[path.index(imported) :] + [imported]
        if imported not in done:
            found = _cycle_from(graph, imported, path, on_path, done)
            if found:
                return found
    on_path.discard(start)
    path.pop()
    done.add(start)
    return None


def test_no_import_circle_in_api():
    graph = grimp.build_graph("api")
    done: set[str] = set()
    for module in sorted(graph.modules):
        if module not in done:
            cycle = _cycle_from(graph, module, [], set(), done)
            assert cycle is None, " -> ".join(cycle)


def test_the_layer_contracts_hold():
    # In a child process: import-linter configures logging with dictConfig, which would
    # disable this process's loggers for every test after this one.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
