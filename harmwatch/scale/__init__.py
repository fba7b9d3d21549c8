"""Scale-out: streaming corpora (``streams``), one driver loop that writes through the
store (``runner``), and a Dask engine that runs extraction on workers (``dask_engine``)."""
