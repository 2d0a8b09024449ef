app.o: /work/src/app.cpp /work/src/helpers.h \
  /usr/include/c++/12/coroutine /work/src/with\ space.h \
  /work/src/dollar$$sign.h /work/src/hash\#.h /work/src/back\\slash.h
