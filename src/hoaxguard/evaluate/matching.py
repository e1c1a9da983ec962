"""``python -m hoaxguard.evaluate.matching``: ranking and match-decision figures."""

from hoaxguard.evaluate._matching import main

if __name__ == "__main__":
    raise SystemExit(main())
