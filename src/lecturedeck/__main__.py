"""`python -m lecturedeck`: the same command line as `deck`."""

from lecturedeck.cli import main

if __name__ == "__main__":
    main()
