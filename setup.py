"""Package list for setuptools: every pathwayviz package plus resources/ shipped as pathwayviz.resources.

(pyproject.toml cannot combine package discovery with the resources/ folder mapping.)
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["pathwayviz", "pathwayviz.*"]), "pathwayviz.resources"])
