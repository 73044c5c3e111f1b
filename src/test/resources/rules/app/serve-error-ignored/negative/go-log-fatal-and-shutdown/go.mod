module example.com/graceful

go 1.22
