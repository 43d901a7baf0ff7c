"""What the tests of several packages share: plain helpers and factories (fixtures stay in conftest.py)."""
