from lecturedeck.cli import main

main()
