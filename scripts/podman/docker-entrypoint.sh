#!/bin/sh
set -e
# Same contract as the official redis image: a flag or a .conf file alone is passed to redis-server.
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
exec "$@"
