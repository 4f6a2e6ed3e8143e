"""The login-throttling backend for the test suite only.

django-axes refuses ``authenticate()`` without a request; Django's test ``Client.login()``
calls it without one. Over HTTP (what the lockout tests exercise) a request is always passed,
and then this backend is django-axes' own.
"""

from axes.backends import AxesStandaloneBackend


class RequestOptionalAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
