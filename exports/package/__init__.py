"""The package around the data files: codebook, cleaning report, load scripts, manifest, zip."""
