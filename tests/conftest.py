"""Shared fixtures. Qt runs offscreen; core tests never import Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from pathwayviz.model.loader import load_pathway
from pathwayviz.resource_files import builtin_pathway_path


@pytest.fixture(scope="session")
def pathway():
    return load_pathway(builtin_pathway_path())
