module boot.zoomconn/localeenv

go 1.21
