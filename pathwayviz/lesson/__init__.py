"""Lessons: ordered steps that apply settings to a pathway, with captions for the projector (no Qt)."""

from .loader import LESSON_FORMAT, builtin_lesson, lesson_title, load_lesson, looks_like_lesson
from .model import Lesson, LessonStep, Prediction, StepSettings

__all__ = ["LESSON_FORMAT", "Lesson", "LessonStep", "Prediction", "StepSettings", "builtin_lesson", "lesson_title",
           "load_lesson", "looks_like_lesson"]
