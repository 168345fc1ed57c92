"""One module per engine; each imports its engine only when the backend is constructed."""
