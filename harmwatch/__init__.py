"""harmwatch: news reports about armed conflict in, a sourced record of civilian harm out."""
__version__ = "0.1.0"
