import json

config_file = open("config.json", encoding="utf-8")
# expect: app/json-loads-on-file "json.loads(config_file) is given a file object (open("
SETTINGS = json.loads(config_file)
# expect: app/json-loads-on-file "json.loads(open("
FEATURES = json.loads(open("features.json"))
