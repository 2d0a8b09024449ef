app.o: a.cpp \
  b.h
