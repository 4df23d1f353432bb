"""Downloads through QGIS's own network stack, so that the proxy set in QGIS's options applies to them."""

import contextlib
from typing import Iterator

from qgis.core import QgsNetworkAccessManager
from qgis.PyQt.QtCore import QEventLoop, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..engine.models.download import Headers, StreamedResponse, Timeout, TransferError

NO_ERROR = QNetworkReply.NetworkError.NoError
TIMED_OUT = (QNetworkReply.NetworkError.TimeoutError, QNetworkReply.NetworkError.OperationCanceledError)


@contextlib.contextmanager
def qgis_stream(url: str, timeout: Timeout, headers: Headers = None) -> Iterator[StreamedResponse]:
    """The engine's Stream (engine/models/download.py) on QgsNetworkAccessManager: chunks as they arrive.
    A transfer that stays silent for the read timeout is aborted by Qt (QNetworkRequest's transfer timeout)."""
    request = QNetworkRequest(QUrl(url))
    for name, value in (headers or {}).items():
        request.setRawHeader(name.encode("latin-1"), value.encode("latin-1"))
    request.setAttribute(
        QNetworkRequest.Attribute.RedirectPolicyAttribute, QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy
    )
    request.setTransferTimeout(int(max(timeout) * 1000))
    reply = QgsNetworkAccessManager.instance().get(request)
    waiter = QEventLoop()
    reply.readyRead.connect(waiter.quit)
    reply.finished.connect(waiter.quit)
    try:
        while not reply.isFinished() and reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute) is None:
            waiter.exec()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if status is None:
            _raise_transfer_error(reply)
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        reason = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute) or ""
        yield StreamedResponse(int(status), str(reason), int(length) if length else None, _chunks(reply, waiter))
    finally:
        if not reply.isFinished():
            reply.abort()
        reply.deleteLater()


def _chunks(reply: QNetworkReply, waiter: QEventLoop) -> Iterator[bytes]:
    while True:
        data = reply.readAll()
        if data:
            yield bytes(data)
        elif reply.isFinished():
            if reply.error() != NO_ERROR:
                _raise_transfer_error(reply)
            return
        else:
            waiter.exec()


def _raise_transfer_error(reply: QNetworkReply):
    raise TransferError(reply.errorString(), timed_out=reply.error() in TIMED_OUT)
