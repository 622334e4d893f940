{{/* Names, labels and the pieces every pod shares. */}}

{{- define "campaign-platform.name" -}}
{{- printf "%s-%s" .ctx.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "campaign-platform.selectorLabels" -}}
app.kubernetes.io/name: campaign-platform
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "campaign-platform.labels" -}}
{{ include "campaign-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version }}
{{- end -}}

{{/* The image of a process: <repository>/<image>:<tag>, or @<digest> when one is pinned. */}}
{{- define "campaign-platform.image" -}}
{{- $digest := index (.ctx.Values.image.digests | default dict) .image -}}
{{- if $digest -}}
{{- printf "%s/%s@%s" .ctx.Values.image.repository .image $digest -}}
{{- else -}}
{{- printf "%s/%s:%s" .ctx.Values.image.repository .image (default .ctx.Chart.AppVersion .ctx.Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "campaign-platform.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Where a service's database URL is: its own Secret and key, or the chart's. */}}
{{- define "campaign-platform.databaseUrl" -}}
{{- $db := index .ctx.Values.postgresql .service -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ default (include "campaign-platform.secretName" .ctx) $db.existingSecret }}
      key: {{ default (printf "%s-database-url" .service) $db.key }}
{{- end -}}

{{/* A variable from the platform's Secret; `optional` when the process runs without it. */}}
{{- define "campaign-platform.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "campaign-platform.secretName" .ctx }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* Non-root, nothing to escalate to, no capabilities, the runtime's seccomp profile. */}}
{{- define "campaign-platform.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "campaign-platform.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The processes the chart runs: the three services, the worker, the web app. */}}
{{- define "campaign-platform.processes" -}}
campaign: { kind: service, image: campaign, probePort: http }
messaging: { kind: service, image: messaging, probePort: http }
notifications: { kind: service, image: notifications, probePort: http }
worker: { kind: worker, image: worker, probePort: health }
web: { kind: web, image: web, probePort: http }
{{- end -}}

{{/* The services that own a database (and so a migrations Job). */}}
{{- define "campaign-platform.databases" -}}
{{- list "campaign" "messaging" "notifications" | toJson -}}
{{- end -}}

{{/* The Temporal client certificate and CA, mounted where TEMPORAL_TLS_*_PATH say. */}}
{{- define "campaign-platform.temporalTlsMounted" -}}
{{- if and .Values.temporal.tls.existingSecret (or .Values.temporal.tls.clientCertificate .Values.temporal.tls.ca) -}}true{{- end -}}
{{- end -}}
