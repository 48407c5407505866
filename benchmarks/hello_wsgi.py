"""A bare Flask "hello" view: the yardstick benchmarks/throughput.sh compares the dashboard with."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """Say hello."""
    return "Hello, World!"
