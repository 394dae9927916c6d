import sys
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


def pytest_addoption(parser):
    parser.addoption("--rubric", default="build/rubric", help="the rubric program to test")
