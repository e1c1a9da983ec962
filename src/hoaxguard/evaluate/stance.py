"""``python -m hoaxguard.evaluate.stance``: print the stance evaluation."""

from hoaxguard.evaluate._stance import main

if __name__ == "__main__":
    raise SystemExit(main())
