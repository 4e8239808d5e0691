#!/bin/sh
# A KV plugin that gets go-plugin's contract wrong on purpose, for ConformanceSelfTest: it ignores the magic cookie,
# answers app version 9 whatever the host offers, and listens nowhere.
echo "1|9|unix|/nonexistent/plugin.sock|grpc|"
exec sleep 3
