{{/*
Each process's environment: its ConfigMap's data (settings) and its variables from Secrets. Every
name is a key of the process's config schema; deploy/test/images-and-chart.test.ts checks it.
*/}}

{{- define "campaign-platform.temporalConfig" -}}
TEMPORAL_ADDRESS: {{ .Values.temporal.address | quote }}
TEMPORAL_NAMESPACE: {{ .Values.temporal.namespace | quote }}
TEMPORAL_TLS: {{ or .Values.temporal.tls.enabled .Values.temporal.apiKey | toString | quote }}
{{- if include "campaign-platform.temporalTlsMounted" . }}
{{- if .Values.temporal.tls.clientCertificate }}
TEMPORAL_TLS_CERT_PATH: /etc/temporal-tls/tls.crt
TEMPORAL_TLS_KEY_PATH: /etc/temporal-tls/tls.key
{{- end }}
{{- if .Values.temporal.tls.ca }}
TEMPORAL_TLS_CA_PATH: /etc/temporal-tls/ca.crt
{{- end }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.kafkaConfig" -}}
KAFKA_BROKERS: {{ .Values.kafka.brokers | quote }}
KAFKA_REPLICATION_FACTOR: {{ .Values.kafka.replicationFactor | quote }}
KAFKA_TLS: {{ .Values.kafka.tls | toString | quote }}
{{- if .Values.kafka.sasl.mechanism }}
KAFKA_SASL_MECHANISM: {{ .Values.kafka.sasl.mechanism | quote }}
KAFKA_SASL_USERNAME: {{ required "kafka.sasl.username is needed with a SASL mechanism" .Values.kafka.sasl.username | quote }}
{{- end }}
{{- end -}}

{{- /* An external OpenID Connect provider whose tokens the three APIs accept too; none when empty. */}}
{{- /* OpenTelemetry's own variables (read by startTracing, not by the config schema). */}}
{{- define "campaign-platform.tracingConfig" -}}
{{- with .Values.tracing.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.oidcConfig" -}}
{{- with .Values.oidc.issuer }}
OIDC_ISSUER: {{ . | quote }}
{{- end }}
{{- with .Values.oidc.audience }}
OIDC_AUDIENCE: {{ . | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.instagramConfig" -}}
{{- with .Values.instagram.graphUrl }}
INSTAGRAM_GRAPH_URL: {{ . | quote }}
{{- end }}
INSTAGRAM_API_VERSION: {{ .Values.instagram.apiVersion | quote }}
{{- with .Values.instagram.clientId }}
INSTAGRAM_CLIENT_ID: {{ . | quote }}
{{- end }}
{{- with .Values.instagram.redirectUri }}
INSTAGRAM_REDIRECT_URI: {{ . | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.config.campaign" -}}
PORT: {{ .Values.campaign.port | quote }}
{{ include "campaign-platform.tracingConfig" . }}
{{- if .Values.metrics.enabled }}
METRICS_PORT: {{ .Values.metrics.port | quote }}
{{- end }}
LOG_LEVEL: {{ .Values.logLevel | quote }}
CORS_ORIGINS: {{ .Values.corsOrigins | quote }}
{{ include "campaign-platform.oidcConfig" . }}
{{ include "campaign-platform.temporalConfig" . }}
{{ include "campaign-platform.instagramConfig" . }}
{{ include "campaign-platform.kafkaConfig" . }}
{{- range $key, $value := .Values.campaign.config }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.config.worker" -}}
HEALTH_PORT: {{ .Values.worker.healthPort | quote }}
{{ include "campaign-platform.tracingConfig" . }}
{{- if .Values.metrics.enabled }}
METRICS_PORT: {{ .Values.metrics.port | quote }}
TEMPORAL_METRICS_PORT: {{ .Values.metrics.temporalPort | quote }}
{{- end }}
LOG_LEVEL: {{ .Values.logLevel | quote }}
{{ include "campaign-platform.temporalConfig" . }}
{{ include "campaign-platform.kafkaConfig" . }}
{{ include "campaign-platform.instagramConfig" . }}
{{- with .Values.instagram.platformAccountId }}
INSTAGRAM_PLATFORM_ACCOUNT_ID: {{ . | quote }}
{{- end }}
CAMPAIGN_PUBLIC_URL: {{ printf "%s/api/campaign" .Values.publicUrl | quote }}
{{- range $key, $value := .Values.worker.config }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.config.messaging" -}}
PORT: {{ .Values.messaging.port | quote }}
{{ include "campaign-platform.tracingConfig" . }}
{{- if .Values.metrics.enabled }}
METRICS_PORT: {{ .Values.metrics.port | quote }}
{{- end }}
LOG_LEVEL: {{ .Values.logLevel | quote }}
CORS_ORIGINS: {{ .Values.corsOrigins | quote }}
{{ include "campaign-platform.oidcConfig" . }}
{{ include "campaign-platform.kafkaConfig" . }}
{{- range $key, $value := .Values.messaging.config }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.config.notifications" -}}
PORT: {{ .Values.notifications.port | quote }}
{{ include "campaign-platform.tracingConfig" . }}
{{- if .Values.metrics.enabled }}
METRICS_PORT: {{ .Values.metrics.port | quote }}
{{- end }}
LOG_LEVEL: {{ .Values.logLevel | quote }}
CORS_ORIGINS: {{ .Values.corsOrigins | quote }}
{{ include "campaign-platform.oidcConfig" . }}
{{ include "campaign-platform.kafkaConfig" . }}
SMTP_HOST: {{ .Values.smtp.host | quote }}
SMTP_PORT: {{ .Values.smtp.port | quote }}
SMTP_SECURE: {{ .Values.smtp.secure | toString | quote }}
{{- with .Values.smtp.user }}
SMTP_USER: {{ . | quote }}
{{- end }}
MAIL_FROM: {{ .Values.mail.from | quote }}
APP_BASE_URL: {{ .Values.publicUrl | quote }}
PUBLIC_URL: {{ printf "%s/api/notifications" .Values.publicUrl | quote }}
{{- range $key, $value := .Values.notifications.config }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.secretEnv.campaign" -}}
{{ include "campaign-platform.databaseUrl" (dict "ctx" . "service" "campaign") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "AUTH_SECRET" "key" "auth-secret") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "SOCIAL_TOKEN_KEY" "key" "social-token-key") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "SOCIAL_TOKEN_PREVIOUS_KEYS" "key" "social-token-previous-keys" "optional" true) }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "INSTAGRAM_CLIENT_SECRET" "key" "instagram-client-secret") }}
{{- if .Values.kafka.sasl.mechanism }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "KAFKA_SASL_PASSWORD" "key" "kafka-sasl-password") }}
{{- end }}
{{- if .Values.temporal.apiKey }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "TEMPORAL_API_KEY" "key" "temporal-api-key") }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.secretEnv.worker" -}}
{{ include "campaign-platform.databaseUrl" (dict "ctx" . "service" "campaign") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "SOCIAL_TOKEN_KEY" "key" "social-token-key") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "SOCIAL_TOKEN_PREVIOUS_KEYS" "key" "social-token-previous-keys" "optional" true) }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "INSTAGRAM_CLIENT_SECRET" "key" "instagram-client-secret") }}
{{- if .Values.instagram.platformAccountId }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "INSTAGRAM_PLATFORM_ACCESS_TOKEN" "key" "instagram-platform-access-token") }}
{{- end }}
{{- if .Values.kafka.sasl.mechanism }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "KAFKA_SASL_PASSWORD" "key" "kafka-sasl-password") }}
{{- end }}
{{- if .Values.temporal.apiKey }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "TEMPORAL_API_KEY" "key" "temporal-api-key") }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.secretEnv.messaging" -}}
{{ include "campaign-platform.databaseUrl" (dict "ctx" . "service" "messaging") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "AUTH_SECRET" "key" "auth-secret") }}
{{- if .Values.kafka.sasl.mechanism }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "KAFKA_SASL_PASSWORD" "key" "kafka-sasl-password") }}
{{- end }}
{{- end -}}

{{- define "campaign-platform.secretEnv.notifications" -}}
{{ include "campaign-platform.databaseUrl" (dict "ctx" . "service" "notifications") }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "AUTH_SECRET" "key" "auth-secret") }}
{{- if .Values.kafka.sasl.mechanism }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "KAFKA_SASL_PASSWORD" "key" "kafka-sasl-password") }}
{{- end }}
{{- if .Values.smtp.user }}
{{ include "campaign-platform.secretEnv" (dict "ctx" . "name" "SMTP_PASSWORD" "key" "smtp-password") }}
{{- end }}
{{- end -}}
