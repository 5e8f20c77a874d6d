variable "name" {
  description = "Name prefix (tcm-<environment>); the site bucket is <name>-frontend-<account id>."
  type        = string
}

variable "site_domain_name" {
  description = "Domain of the site served by CloudFront, e.g. tcm.example.com."
  type        = string
}

variable "certificate_arn" {
  description = "Validated ACM certificate in us-east-1 for site_domain_name."
  type        = string
}

variable "alb_origin_domain_name" {
  description = "Domain of the ALB that CloudFront calls for /graphql* and /api/* (covered by the ALB's certificate)."
  type        = string
}

variable "origin_verify_header_name" {
  description = "Name of the secret header CloudFront adds to ALB origin requests."
  type        = string
}

variable "origin_verify_secret" {
  description = "Value of the secret origin header (generated, never written by hand)."
  type        = string
  sensitive   = true
}

variable "price_class" {
  description = "CloudFront price class: PriceClass_100, PriceClass_200 or PriceClass_All."
  type        = string
  default     = "PriceClass_200"
}

variable "waf_rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in 5 minutes before the web ACL blocks it."
  type        = number
  default     = 2000
}

variable "log_retention_days" {
  description = "Days CloudFront, S3 access and WAF logs are kept."
  type        = number
}

variable "kms_deletion_window_in_days" {
  description = "Waiting period before the us-east-1 KMS key of the WAF logs is deleted after a destroy."
  type        = number
}

variable "force_destroy_buckets" {
  description = "Let a destroy delete the site and log buckets with their objects (development)."
  type        = bool
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
