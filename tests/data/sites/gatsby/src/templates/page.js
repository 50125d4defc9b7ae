import React from "react"
import {MDXProvider} from "@mdx-js/react"
import {Quote} from "../components/Quote"
import {Metric, Metrics} from "../components/Metric"
import {Cta} from "../components/Cta"

const shortcodes = {Quote, Metric, Metrics, Cta}

export default function Page({children}) {
  return <MDXProvider components={shortcodes}><main>{children}</main></MDXProvider>
}
