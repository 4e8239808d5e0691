module example.com/gobhex

go 1.22
