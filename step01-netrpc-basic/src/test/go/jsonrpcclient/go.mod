module example.com/jsonrpcclient

go 1.22
