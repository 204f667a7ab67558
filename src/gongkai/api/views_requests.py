"""Intake and status of forwarded requests: POST /api/v1/requests/, GET …/{number}/, POST …/supplement/,
GET …/documents/{id}/. A token sees only what its own platform forwarded to its own agency."""

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.downloads import docx_response
from gongkai.disclosure_requests.forms import SupplementUploadForm
from gongkai.disclosure_requests.models import Attachment, Request
from gongkai.disclosure_requests.public_views import removing_files_on_error

from . import examples
from .actors import PlatformActor
from .base import ApiView
from .intake import receive
from .permissions import CanIntake, CanReadRequests, token_of
from .serializers_common import BAD_REQUEST, DOCUMENT_PARAM, FORBIDDEN, NOT_FOUND, NUMBER_PARAM, UNAUTHORIZED
from .serializers_requests import (
    IntakeResultSerializer,
    IntakeSerializer,
    RequestStatusSerializer,
    SupplementSerializer,
)
from .tokens import agencies_of

TAG = "依申请公开（转办）"


def forwarded_request(request, number: str) -> Request:
    """The request with this number that the caller's platform forwarded to an agency the token covers; any
    other number gets the same 404, so a token cannot learn which numbers exist elsewhere."""
    token = token_of(request)
    found = (Request.objects.select_related("agency", "forwarded")
             .filter(number=number, forwarded__platform=token.platform, agency__in=agencies_of(token)).first())
    if found is None:
        raise Http404(f"未找到本平台转办的申请“{number}”")
    return found


def status_payload(req: Request, request) -> dict:
    req.issued_documents = list(req.documents.select_related("request").order_by("issued_on", "id"))
    return RequestStatusSerializer(req, context={"request": request}).data


class RequestIntakeView(ApiView):
    permission_classes = [CanIntake]
    parser_classes = [JSONParser]

    @extend_schema(
        tags=[TAG], operation_id="requests_create", summary="受理转办的政府信息公开申请",
        description="网络平台或12345热线把申请人的申请转给本令牌所属机关。字段与校验规则同网上申请表；"
                    "首次受理返回 201 和查询码，同一工单号重复提交返回 200 和第一次受理的申请（不再返回查询码）。",
        request=IntakeSerializer,
        responses={201: OpenApiResponse(IntakeResultSerializer, description="首次受理：申请编号、查询码和答复期限"),
                   200: OpenApiResponse(IntakeResultSerializer, description="该工单号已受理过：第一次受理的申请"),
                   400: BAD_REQUEST,
                   401: UNAUTHORIZED, 403: FORBIDDEN},
        examples=[examples.INTAKE_REQUEST, examples.INTAKE_CREATED, examples.INTAKE_REPEATED, examples.INTAKE_INVALID],
    )
    def post(self, request):
        serializer = IntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        intake = receive(token_of(request), serializer.validated_data)
        req = Request.objects.get(pk=intake.request.pk)
        body = IntakeResultSerializer({
            "created": intake.created, "number": req.number, "query_code": intake.query_code,
            "received_on": req.received_on, "due_on": req.due_on, "due_warning": req.due_warning,
            "status_url": request.build_absolute_uri(reverse("api:request-detail", kwargs={"number": req.number})),
        }).data
        return Response(body, status=status.HTTP_201_CREATED if intake.created else status.HTTP_200_OK)


class RequestDetailView(ApiView):
    permission_classes = [CanReadRequests]

    @extend_schema(
        tags=[TAG], operation_id="requests_retrieve", summary="查询转办申请的办理状态",
        description="办理状态、答复期限和已发出的文书（下载地址需使用同一令牌）。只能查询本平台转给本机关的申请，"
                    "其他编号一律返回 404。",
        parameters=[NUMBER_PARAM],
        responses={200: OpenApiResponse(RequestStatusSerializer, description="办理状态"),
                   401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND},
        examples=[examples.STATUS],
    )
    def get(self, request, number):
        return Response(status_payload(forwarded_request(request, number), request))


class SupplementView(ApiView):
    permission_classes = [CanIntake]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        tags=[TAG], operation_id="requests_supplement", summary="提交补正材料（网上补正）",
        description="申请处于“待申请人补正”状态时，转办平台代申请人提交补正内容（条例第三十条）；"
                    "答复期限自收到补正之日起重新计算。multipart/form-data 时可附 attachments 文件（规则同网上补正）。",
        parameters=[NUMBER_PARAM],
        request={"application/json": SupplementSerializer, "multipart/form-data": SupplementSerializer},
        responses={200: OpenApiResponse(RequestStatusSerializer, description="补正后的办理状态"),
                   400: BAD_REQUEST, 401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND},
        examples=[examples.SUPPLEMENT_REQUEST, examples.STATUS_AFTER_SUPPLEMENT, examples.SUPPLEMENT_REFUSED],
    )
    def post(self, request, number):
        req = forwarded_request(request, number)
        text = request.data.get("text", "")
        if not isinstance(text, str):
            return Response({"detail": "提交的内容有误，请按 errors 中各字段的说明修改",
                             "errors": {"text": ["应为文本"]}}, status=status.HTTP_400_BAD_REQUEST)
        form = SupplementUploadForm({"text": text}, request.FILES)
        if not form.is_valid():
            return Response({"detail": "提交的内容有误，请按 errors 中各字段的说明修改",
                             "errors": {k: list(v) for k, v in form.errors.items()}},
                            status=status.HTTP_400_BAD_REQUEST)
        files = form.cleaned_data["attachments"]
        saved = []
        with transaction.atomic(), removing_files_on_error(saved):
            event = services.receive_supplement(
                req, actor=PlatformActor(token_of(request), req.applicant_name), day=timezone.localdate(),
                text=form.cleaned_data["text"].strip(), attachments=[f.name for f in files])
            for f in files:
                saved.append(Attachment.objects.create(request=req, event=event, file=f, name=f.name[:200],
                                                       size=f.size))
        return Response(status_payload(Request.objects.select_related("agency", "forwarded").get(pk=req.pk),
                                       request))


class DocumentView(ApiView):
    permission_classes = [CanReadRequests]

    @extend_schema(
        tags=[TAG], operation_id="requests_document", summary="下载已发出的文书（.docx）",
        parameters=[NUMBER_PARAM, DOCUMENT_PARAM],
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"):
                   OpenApiResponse(description="文书的 Word 文件"),
                   401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, number, document_id):
        req = forwarded_request(request, number)
        document = req.documents.filter(pk=document_id).first()
        if document is None:
            raise Http404("未找到该文书")
        return docx_response(document)
