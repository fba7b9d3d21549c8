"""Training of the project's learned models (``harmwatch train ...``).

Training data is read in place from ``../shared/train`` (never copied into the repository);
the artifacts ship under ``harmwatch/data/models``.
"""
