"""A mock of the DSO gegevensknooppunt (DSO-LV) for development and tests.

A standalone WSGI server with its own storage (in memory, optionally saved to a JSON file), never the
portal's database: `python -m dev.dso_mock --port 8001`. It mirrors the conventions of the real
APIs (x-api-key, HAL+JSON, page/size, POST …/_zoek, Content-Crs, problem+json, 429 + Retry-After) and
can inject faults per run (`storingen.py`). See docs/dso-koppeling.md.
"""
