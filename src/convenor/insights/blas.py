"""BLAS limited to one thread for insight's numerical work.

On a 2-core machine shared with other work, OpenBLAS's threads wait on each other: they made the
classifier's L-BFGS fits up to twenty times slower and opinion groups for 2,000 participants take
from 0.2 s to 4 s, and gained nothing on an idle machine (bench/README.md).
"""

from __future__ import annotations

from typing import Any


def one_blas_thread() -> Any:
    """A context in which NumPy's and SciPy's BLAS use one thread."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")
