module example.com/jobrunner

go 1.22
