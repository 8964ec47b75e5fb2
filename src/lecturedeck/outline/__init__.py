"""Loading: course and lecture YAML → validated outline models, errors located at file:line:col."""
