"""Atomic output: every course folder is built complete in a private staging folder inside OUT, then
swapped into place in one step; a failed or killed build leaves the previous build as it was.

Nothing is ever written outside the output folder.
"""

from lecturedeck.output.staging import Staging, stage_build

__all__ = ["Staging", "stage_build"]
