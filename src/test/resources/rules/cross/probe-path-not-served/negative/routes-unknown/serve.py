import tornado.ioloop
import tornado.web

from handlers import make_routes

if __name__ == "__main__":
    tornado.web.Application(make_routes()).listen(8888)
    tornado.ioloop.IOLoop.current().start()
